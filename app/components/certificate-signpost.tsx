import { Link } from "@remix-run/react";
import type { CertificateSignpost } from "~/lib/credits/certificate-signpost.server";
import { useT } from "~/lib/i18n/use-t";

/**
 * The certificate, or what is still missing for it, with links: shown first on the exam
 * result, the course page and My learning (compact there).
 */
export function CertificateSignpostCard({ signpost }: { signpost: CertificateSignpost }) {
  const { t } = useT();
  if (signpost.state === "issued") {
    return (
      <section
        className="card space-y-2 border-l-4 border-l-green-700"
        aria-labelledby="certificate-signpost-heading"
        data-testid="certificate-signpost"
      >
        <h2 id="certificate-signpost-heading" className="text-lg font-bold text-green-800">
          {t("signpost.issued.title")}
        </h2>
        <p>{t("signpost.issued.body", { code: signpost.code })}</p>
        <div className="flex flex-wrap gap-3">
          <a href={`/certificates/${signpost.code}/pdf`} className="btn-primary" download>
            {t("signpost.issued.download")}
          </a>
          <Link to="/credits" className="btn-secondary">
            {t("signpost.issued.all")}
          </Link>
          <Link to={`/verify/${signpost.code}`} className="link self-center">
            {t("signpost.issued.verify")}
          </Link>
        </div>
      </section>
    );
  }
  const nothingLeft = signpost.lessons.length === 0 && !signpost.exam;
  return (
    <section
      className="card space-y-2 border-l-4 border-l-brand-600"
      aria-labelledby="certificate-signpost-heading"
      data-testid="certificate-signpost"
    >
      <h2 id="certificate-signpost-heading" className="text-lg font-bold">
        {t("signpost.missing.title")}
      </h2>
      {nothingLeft ? (
        <p>{t("signpost.missing.pending")}</p>
      ) : (
        <>
          <p>{t("signpost.missing.body")}</p>
          <ul className="list-disc space-y-1 pl-5">
            {signpost.lessons.map((lesson) => (
              <li key={lesson.key}>
                <Link to={lesson.path} className="link">
                  {t("signpost.missing.lesson", { title: lesson.title })}
                </Link>
              </li>
            ))}
            {signpost.exam ? (
              <li>
                <Link to={signpost.exam.path} className="link">
                  {t("signpost.missing.exam")}
                </Link>
              </li>
            ) : null}
          </ul>
        </>
      )}
    </section>
  );
}

/** One line for a course card: the certificate's code (a download), or what is left, linking to the first step. */
export function CertificateSignpostLine({ signpost }: { signpost: CertificateSignpost }) {
  const { t } = useT();
  if (signpost.state === "issued") {
    return (
      <a href={`/certificates/${signpost.code}/pdf`} className="link text-sm font-medium" download>
        🎓 {t("signpost.compact.issued", { code: signpost.code })}
      </a>
    );
  }
  const count = signpost.lessons.length;
  if (count === 0 && !signpost.exam) return null;
  const label =
    count > 0 && signpost.exam
      ? t("signpost.compact.lessonsAndExam", { count })
      : count > 0
        ? t("signpost.compact.lessons", { count })
        : t("signpost.compact.exam");
  const first = signpost.lessons[0]?.path ?? signpost.exam?.path ?? "";
  return (
    <Link to={first} className="link text-sm">
      {label}
    </Link>
  );
}
