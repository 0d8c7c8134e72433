import type { ReactNode } from "react";
import { useT } from "~/lib/i18n/use-t";

const tones = {
  valid: { box: "border-green-700 bg-green-50 text-green-900", icon: "✓" },
  revoked: { box: "border-accent-600 bg-red-50 text-red-900", icon: "✕" },
  not_genuine: { box: "border-accent-600 bg-red-50 text-red-900", icon: "✕" },
  malformed: { box: "border-accent-600 bg-red-50 text-red-900", icon: "?" },
  expired: { box: "border-amber-600 bg-amber-50 text-amber-900", icon: "!" },
  superseded: { box: "border-amber-600 bg-amber-50 text-amber-900", icon: "↻" },
  mistyped: { box: "border-amber-600 bg-amber-50 text-amber-900", icon: "?" },
  not_a_code: { box: "border-amber-600 bg-amber-50 text-amber-900", icon: "?" },
  unknown: { box: "border-accent-600 bg-red-50 text-red-900", icon: "?" },
} satisfies Record<string, { box: string; icon: string }>;

/** Every verdict the panel can state; each has a headline and a sentence in the dictionaries. */
type VerdictPanelStatus = keyof typeof tones;

/**
 * The verification verdict, stated in words first (colour is never the only signal): a short
 * headline, then one sentence that explains it without repeating it.
 */
export function VerdictPanel({
  status,
  code,
  children,
}: {
  status: VerdictPanelStatus;
  code?: string;
  children?: ReactNode;
}) {
  const { t } = useT();
  const tone = tones[status];
  return (
    <section
      className={`rounded-lg border-l-4 p-4 ${tone.box}`}
      aria-live="polite"
      data-testid="verdict"
      data-status={status}
    >
      <p className="flex items-start gap-3 text-lg font-bold">
        <span aria-hidden="true" className="text-2xl leading-none">
          {tone.icon}
        </span>
        <span>{t(`verify.headline.${status}`)}</span>
      </p>
      <p className="mt-1">{t(`verify.verdict.${status}`, { code: code ?? "" })}</p>
      {children ? <div className="mt-3 text-sm">{children}</div> : null}
    </section>
  );
}

export function CertificateFacts({ facts }: { facts: { label: string; value: string | null | undefined }[] }) {
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
      {facts
        .filter((fact) => fact.value)
        .map((fact) => (
          <div key={fact.label} className="contents">
            <dt className="font-medium">{fact.label}</dt>
            <dd>{fact.value}</dd>
          </div>
        ))}
    </dl>
  );
}
