// A short two-tone beep through WebAudio: no audio file to ship, and it works offline.
let ctx: AudioContext | null = null;

export function beep(): void {
  if (typeof window === "undefined" || typeof AudioContext === "undefined") return;
  ctx ??= new AudioContext();
  const audio = ctx;
  void audio.resume().then(() => {
    const t = audio.currentTime;
    for (const [i, freq] of [880, 660].entries()) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.2, t + i * 0.18);
      gain.gain.exponentialRampToValueAtTime(0.001, t + i * 0.18 + 0.16);
      osc.connect(gain).connect(audio.destination);
      osc.start(t + i * 0.18);
      osc.stop(t + i * 0.18 + 0.17);
    }
  });
}
