import type { MetaFunction } from "@remix-run/node";
import { Link, useRouteLoaderData } from "@remix-run/react";
import { useT } from "~/lib/i18n/use-t";

export const meta: MetaFunction = () => [
  { title: "HọcSố" },
  { name: "description", content: "Học kỹ năng số mọi lúc, mọi nơi" },
];

export default function Home() {
  const { t } = useT();
  const root = useRouteLoaderData<{ user: unknown }>("root");
  const features = ["anywhere", "credits", "retraining"] as const;
  return (
    <div className="space-y-10">
      <section className="rounded-xl bg-gradient-to-br from-brand-700 to-brand-900 px-6 py-10 text-white sm:px-10">
        <p className="text-sm font-semibold uppercase tracking-wide text-white/80">{t("app.tagline")}</p>
        <h1 className="mt-2 max-w-3xl text-3xl font-extrabold sm:text-4xl">{t("home.title")}</h1>
        <p className="mt-4 max-w-2xl text-lg text-white/90">{t("home.lead")}</p>
        <div className="mt-6 flex flex-wrap gap-3">
          <Link to="/courses" className="btn bg-white text-brand-800 hover:bg-brand-50">
            {t("home.browse")}
          </Link>
          {root?.user ? null : (
            <Link to="/register" className="btn border border-white/70 text-white hover:bg-white/10">
              {t("home.start")}
            </Link>
          )}
        </div>
      </section>
      <section className="grid gap-4 sm:grid-cols-3">
        {features.map((feature) => (
          <div key={feature} className="card">
            <h2 className="text-lg font-bold text-brand-800">{t(`home.feature.${feature}.title`)}</h2>
            <p className="mt-2 text-slate-700">{t(`home.feature.${feature}.text`)}</p>
          </div>
        ))}
      </section>
    </div>
  );
}
