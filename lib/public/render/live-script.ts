// The status page's only script (well under 1 kB): it listens for snapshot versions over
// Server-Sent Events and swaps in the changed fragment. Without JavaScript the page still reads
// fine and refreshes itself every minute (a <noscript> meta refresh).
export const LIVE_SCRIPT = `(function(){var live=document.getElementById("live"),note=document.getElementById("live-note");if(!live)return;
var v=live.getAttribute("data-version"),busy=false,again=false;
function pull(){if(busy){again=true;return}busy=true;fetch("/status/fragment",{cache:"no-cache"}).then(function(r){var nv=r.headers.get("x-status-version");return r.text().then(function(t){if(r.ok&&nv!==v){live.innerHTML=t;v=nv;live.setAttribute("data-version",v);if(note)note.textContent="Status updated at "+new Date().toUTCString()}})}).catch(function(){}).then(function(){busy=false;if(again){again=false;pull()}})}
if(window.EventSource){var es=new EventSource("/status/events");es.addEventListener("version",function(e){if(e.data!==v)pull()})}else{setInterval(pull,15000)}})();`;
