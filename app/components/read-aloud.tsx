import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { pickVietnameseVoice, splitForSpeech } from "~/lib/speech/speech";
import { useT } from "~/lib/i18n/use-t";

/** How long to wait for the device to list its voices (Chrome lists them after a `voiceschanged`). */
const VOICE_WAIT_MS = 1_500;

export type ReadAloudSupport = "checking" | "ready" | "none";

// The device's voices as an external store: Chrome lists them only after a `voiceschanged`, and
// a device without a Vietnamese one is known only once the wait is over.
let voiceWaitOver = false;

function hasSpeech(): boolean {
  return typeof window !== "undefined" && "speechSynthesis" in window && "SpeechSynthesisUtterance" in window;
}

function vietnameseVoice(): SpeechSynthesisVoice | undefined {
  return hasSpeech() ? pickVietnameseVoice(window.speechSynthesis.getVoices()) : undefined;
}

function subscribeToVoices(onChange: () => void): () => void {
  if (!hasSpeech()) return () => undefined;
  const synth = window.speechSynthesis;
  synth.addEventListener("voiceschanged", onChange);
  const timer = window.setTimeout(() => {
    voiceWaitOver = true;
    onChange();
  }, VOICE_WAIT_MS);
  return () => {
    synth.removeEventListener("voiceschanged", onChange);
    window.clearTimeout(timer);
  };
}

function supportSnapshot(): ReadAloudSupport {
  if (!hasSpeech()) return "none";
  if (vietnameseVoice()) return "ready";
  return voiceWaitOver ? "none" : "checking";
}

/**
 * The browser's speech synthesis with the device's Vietnamese voice. `support` is "none" when the
 * browser has no speech synthesis or no Vietnamese voice (then nothing should offer to read);
 * "checking" on the server and while the voices load.
 */
export function useReadAloud() {
  const support = useSyncExternalStore(subscribeToVoices, supportSnapshot, () => "checking" as const);
  const [speaking, setSpeaking] = useState(false);
  // Each reading gets a number, so the end of a cancelled one does not clear the next's state.
  const runRef = useRef(0);

  useEffect(
    () => () => {
      if (hasSpeech()) window.speechSynthesis.cancel();
    },
    [],
  );

  const stop = useCallback(() => {
    runRef.current += 1;
    window.speechSynthesis.cancel();
    setSpeaking(false);
  }, []);

  const speak = useCallback((text: string) => {
    const voice = vietnameseVoice();
    const pieces = splitForSpeech(text);
    if (!voice || pieces.length === 0) return;
    const run = (runRef.current += 1);
    const synth = window.speechSynthesis;
    synth.cancel();
    setSpeaking(true);
    pieces.forEach((piece, index) => {
      const utterance = new SpeechSynthesisUtterance(piece);
      utterance.voice = voice;
      utterance.lang = voice.lang;
      // A little slower than the default: the seeds' learners include elderly citizens.
      utterance.rate = 0.9;
      if (index === pieces.length - 1) {
        utterance.onend = () => {
          if (runRef.current === run) setSpeaking(false);
        };
      }
      utterance.onerror = () => {
        if (runRef.current === run) setSpeaking(false);
      };
      synth.speak(utterance);
    });
  }, []);

  return { support, speaking, speak, stop };
}

/**
 * A "read aloud" button for a block of Vietnamese text: `text`, then the visible text of the
 * element `targetId` (read when pressed, so it is what the page shows). Without a Vietnamese voice
 * it says so instead (unless `quietWithoutVoice`, for a page that shows the notice once); without
 * JavaScript it renders nothing.
 */
export function ReadAloud({
  text = "",
  targetId,
  label,
  quietWithoutVoice = false,
}: {
  text?: string;
  targetId?: string;
  /** What is read, for the button's accessible name, e.g. "Đọc to câu 3". */
  label?: string;
  quietWithoutVoice?: boolean;
}) {
  const { t } = useT();
  const { support, speaking, speak, stop } = useReadAloud();
  if (support === "checking") return null;
  if (support === "none") {
    return quietWithoutVoice ? null : <ReadAloudUnavailable />;
  }
  const start = () => {
    const target = targetId ? document.getElementById(targetId) : null;
    speak([text, target?.innerText ?? ""].filter(Boolean).join("\n"));
  };
  return (
    <button
      type="button"
      className="btn-secondary"
      aria-pressed={speaking}
      onClick={speaking ? stop : start}
      data-testid="read-aloud"
    >
      <span aria-hidden="true">{speaking ? "■" : "🔊"}</span>
      {speaking ? t("readAloud.stop") : (label ?? t("readAloud.start"))}
    </button>
  );
}

/** The notice shown in place of the control when the device has no Vietnamese voice. */
export function ReadAloudUnavailable() {
  const { t } = useT();
  return (
    <p className="text-sm text-slate-600" role="note" data-testid="read-aloud-unavailable">
      {t("readAloud.noVoice")}
    </p>
  );
}
