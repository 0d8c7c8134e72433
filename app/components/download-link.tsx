import { useState, type MouseEvent } from "react";
import { useT } from "~/lib/i18n/use-t";

/**
 * A plain download link (works without JavaScript); with JavaScript it fetches the file itself
 * so that a slow PDF shows a progress message instead of a silent wait.
 */
export function DownloadLink({
  href,
  fileName,
  label,
  className = "btn-secondary",
}: {
  href: string;
  fileName: string;
  label: string;
  className?: string;
}) {
  const { t } = useT();
  const [state, setState] = useState<"idle" | "busy" | "failed">("idle");
  const onClick = async (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    if (state === "busy") return;
    setState("busy");
    try {
      const response = await fetch(href, { credentials: "same-origin" });
      if (!response.ok) throw new Error(String(response.status));
      const url = URL.createObjectURL(await response.blob());
      const anchor = document.createElement("a");
      anchor.href = url;
      anchor.download = fileName;
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setState("idle");
    } catch {
      setState("failed");
    }
  };
  return (
    <span className="inline-flex flex-col gap-1">
      <a href={href} download={fileName} onClick={onClick} className={className} aria-busy={state === "busy"}>
        {state === "busy" ? (
          <>
            <span
              aria-hidden="true"
              className="inline-block h-4 w-4 animate-spin rounded-full border-2 border-current border-t-transparent"
            />
            {t("certificates.preparing")}
          </>
        ) : (
          label
        )}
      </a>
      <span role="status" className="text-xs text-accent-600">
        {state === "failed" ? t("certificates.downloadFailed") : ""}
      </span>
    </span>
  );
}
