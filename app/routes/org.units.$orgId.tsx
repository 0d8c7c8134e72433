import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useNavigation } from "@remix-run/react";
import { DataTable, DividedList, EmptyState, TitledSection } from "~/components/data-table";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormAlert, TextField, useZodForm, useActionResult } from "~/components/forms";
import { IntentCardForm, InvitedBadge, RowActionForm, UnitCounts, UnitQuickLinks } from "~/components/org-unit";
import { pageFrom, Pagination } from "~/components/pagination";
import { parseIntentForm, readFormData } from "~/lib/forms.server";
import { clientIp, formSuccess, invalidForm } from "~/lib/http.server";
import { useT } from "~/lib/i18n/use-t";
import { cancelInvitation, listUnitInvitations } from "~/lib/organizations/join-invitations.server";
import {
  memberAddSchema,
  orgAdminAddSchema,
  unitActionSchema,
  unitCreateSchema,
  unitMoveSchema,
  unitRenameSchema,
} from "~/lib/organizations/organizations.schema";
import {
  addMember,
  addOrgAdmin,
  createUnit,
  getUnitPage,
  moveUnit,
  removeMember,
  removeOrgAdmin,
  renameUnit,
} from "~/lib/organizations/organizations.server";
import { requireOrgScope } from "~/lib/organizations/scope.server";
import { pageTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.org.unit");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, scope, unit } = await requireOrgScope(request, params.orgId ?? "");
  const page = pageFrom(new URL(request.url));
  const [unitPage, invitations] = await Promise.all([getUnitPage(scope, unit, page), listUnitInvitations(unit)]);
  return { page, viewerId: user.id, invitations, ...unitPage };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, scope, unit } = await requireOrgScope(request, params.orgId ?? "");
  const formData = await readFormData(request);
  const ip = clientIp(request);
  const done = (intent: string, notice: string, name = "") =>
    data(formSuccess({ intent, notice, name, at: Date.now() }));
  // The hidden `intent` picks the form; an invalid one answers 400 with its field errors.
  const parsed = parseIntentForm(formData, unitActionSchema);
  if (!parsed.ok) return invalidForm(parsed.fieldErrors, parsed.values);
  const { data: input, values } = parsed;
  switch (input.intent) {
    case "create": {
      const result = await createUnit(user, scope, { parent: unit, code: input.code, name: input.name }, ip);
      return result.ok ? done("create", "org.unit.created", input.name) : invalidForm({ code: result.error }, values);
    }
    case "rename":
      await renameUnit(user, unit, input.name, ip);
      return done("rename", "org.unit.renamed");
    case "move": {
      const result = await moveUnit(user, scope, unit, input.parentCode, ip);
      return result.ok ? redirect(`/org/units/${unit.id}`) : invalidForm({ parentCode: result.error }, values);
    }
    case "addMember": {
      const result = await addMember(user, scope, unit, input, ip);
      if (!result.ok) return invalidForm({ email: result.error }, values);
      return result.added
        ? done("addMember", "org.member.added", result.name)
        : done("addMember", "org.member.invited", result.email);
    }
    case "removeMember":
      await removeMember(user, unit, input.userId, ip);
      return done("removeMember", "org.member.removed");
    case "cancelInvitation":
      await cancelInvitation(user, unit, input.invitationId, ip);
      return done("cancelInvitation", "org.member.invitationCancelled");
    case "addAdmin": {
      const result = await addOrgAdmin(user, scope, unit, input.email, ip);
      return result.ok
        ? done("addAdmin", "org.admin.added", result.name)
        : invalidForm({ email: result.error }, values);
    }
    case "removeAdmin": {
      const result = await removeOrgAdmin(user, unit, input.userId, ip);
      return result.ok ? done("removeAdmin", "org.admin.removed") : invalidForm({}, {}, result.error);
    }
  }
}

export default function UnitPage() {
  const { t, date } = useT();
  const { page, viewerId, unit, breadcrumb, children, members, memberTotal, pages, admins, invitations } =
    useLoaderData<typeof loader>();
  const actionData = useActionResult<typeof action>();
  const busy = useNavigation().state === "submitting";
  const forIntent = (intent: string) =>
    actionData && !actionData.ok && actionData.values?.intent === intent ? actionData : undefined;
  const renameForm = useZodForm(unitRenameSchema, forIntent("rename"), { intent: "rename", name: unit.name });
  const createForm = useZodForm(unitCreateSchema, forIntent("create"), { intent: "create" });
  const moveForm = useZodForm(unitMoveSchema, forIntent("move"), { intent: "move" });
  const memberForm = useZodForm(memberAddSchema, forIntent("addMember"), { intent: "addMember" });
  const adminForm = useZodForm(orgAdminAddSchema, forIntent("addAdmin"), { intent: "addAdmin" });
  // A successful submission remounts the forms, so they start empty again.
  const reset = actionData?.ok ? actionData.at : 0;
  return (
    <div className="space-y-6">
      <nav aria-label={t("org.breadcrumb")} className="text-sm">
        <ol className="flex flex-wrap items-center gap-1 text-slate-600">
          <li>
            <Link to="/org" className="link">
              {t("org.nav.units")}
            </Link>
          </li>
          {breadcrumb.map((ancestor) => (
            <li key={ancestor.id} className="flex items-center gap-1">
              <span aria-hidden="true">›</span>
              {ancestor.reachable ? (
                <Link to={`/org/units/${ancestor.id}`} className="link">
                  {ancestor.name}
                </Link>
              ) : (
                <span>{ancestor.name}</span>
              )}
            </li>
          ))}
          <li className="flex items-center gap-1" aria-current="page">
            <span aria-hidden="true">›</span>
            <span className="font-semibold text-slate-900">{unit.name}</span>
          </li>
        </ol>
      </nav>

      <header className="space-y-1">
        <h2 className="text-xl font-semibold">{unit.name}</h2>
        <p className="text-sm text-slate-600">
          {t("org.unit.code")}: <span className="font-mono">{unit.code}</span> ·{" "}
          <span data-testid="unit-headcount">{t("org.unit.headcount", { count: unit.headcount })}</span>
        </p>
        <UnitQuickLinks unitId={unit.id} unitCode={unit.code} />
      </header>

      {actionData?.ok && actionData.notice ? (
        <FormAlert tone="success">{t(actionData.notice, { name: actionData.name ?? "" })}</FormAlert>
      ) : null}
      {actionData && !actionData.ok && actionData.formError ? <FormAlert>{t(actionData.formError)}</FormAlert> : null}

      <TitledSection id="children-heading" level={3} title={t("org.unit.children")}>
        {children.length === 0 ? (
          <EmptyState inline>{t("org.unit.noChildren")}</EmptyState>
        ) : (
          <DividedList>
            {children.map((child) => (
              <li key={child.id} className="flex flex-wrap items-baseline justify-between gap-2 px-3 py-2">
                <Link to={`/org/units/${child.id}`} className="link font-medium">
                  {child.name}
                </Link>
                <span className="text-sm text-slate-600">
                  <UnitCounts
                    code={child.code}
                    subUnits={child.subUnits}
                    members={child.members}
                    headcount={child.headcount}
                  />
                </span>
              </li>
            ))}
          </DividedList>
        )}
        <IntentCardForm
          key={`create-${reset}`}
          intent="create"
          form={createForm}
          columns="sm:grid-cols-[10rem_1fr_auto]"
          submitLabel={t("org.unit.addChild")}
          busy={busy}
        >
          <TextField
            label={t("org.unit.code")}
            field={createForm.field("code")}
            placeholder="TN-PDP"
            autoCapitalize="characters"
          />
          <TextField
            label={t("org.unit.childName")}
            field={createForm.field("name")}
            placeholder="UBND phường Phan Đình Phùng"
          />
        </IntentCardForm>
      </TitledSection>

      <TitledSection
        id="members-heading"
        level={3}
        title={
          <>
            {t("org.unit.members")}{" "}
            <span className="text-base font-normal text-slate-600">
              ({t("org.unit.membersCount", { count: memberTotal })})
            </span>
          </>
        }
      >
        {members.length === 0 ? (
          <EmptyState inline>{t("org.unit.noMembers")}</EmptyState>
        ) : (
          <DataTable
            labelledBy="members-heading"
            columns={[
              { label: t("org.person.name") },
              { label: t("org.person.email") },
              { label: t("org.person.jobRole") },
              { label: t("org.actions"), hidden: true },
            ]}
          >
            {members.map((member) => (
              <tr key={member.id} className="border-t border-slate-200">
                <td className="px-3 py-2">
                  <Link to={`/org/people/${member.id}`} className="link font-medium">
                    {member.fullName}
                  </Link>
                  {member.invited ? <InvitedBadge /> : null}
                </td>
                <td className="px-3 py-2">{member.email}</td>
                <td className="px-3 py-2">{member.jobRole}</td>
                <td className="px-3 py-2 text-right">
                  <RowActionForm
                    intent="removeMember"
                    fields={{ userId: member.id }}
                    label={t("org.member.remove")}
                    accessibleName={t("org.member.removeNamed", { name: member.fullName })}
                    busy={busy}
                  />
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        <Pagination page={page} pages={pages} />
        {invitations.length > 0 ? (
          <section aria-labelledby="invitations-heading" className="space-y-2">
            <h4 id="invitations-heading" className="font-semibold">
              {t("org.member.invitations")}
            </h4>
            <p className="text-sm text-slate-600">{t("org.member.invitationsLead")}</p>
            <DividedList>
              {invitations.map((invitation) => (
                <li
                  key={invitation.id}
                  className="flex flex-wrap items-center justify-between gap-2 px-3 py-2"
                  data-testid="join-invitation"
                >
                  <span>
                    {invitation.email} · {invitation.jobRole}{" "}
                    <span className="text-sm text-slate-600">
                      · {t("org.member.invitationUntil", { date: date(invitation.expiresAt) })}
                    </span>
                  </span>
                  <RowActionForm
                    intent="cancelInvitation"
                    fields={{ invitationId: invitation.id }}
                    label={t("org.member.cancelInvitation")}
                    accessibleName={t("org.member.cancelInvitationNamed", { email: invitation.email })}
                    busy={busy}
                  />
                </li>
              ))}
            </DividedList>
          </section>
        ) : null}
        <IntentCardForm
          key={`member-${reset}`}
          intent="addMember"
          form={memberForm}
          columns="sm:grid-cols-[1fr_1fr_auto]"
          submitLabel={t("org.member.add")}
          busy={busy}
        >
          <TextField label={t("org.person.email")} type="email" field={memberForm.field("email")} autoComplete="off" />
          <TextField label={t("org.person.jobRole")} field={memberForm.field("jobRole")} placeholder="cán bộ một cửa" />
        </IntentCardForm>
        <p className="text-sm text-slate-600">
          {t("org.member.importHint")}{" "}
          <Link to="/org/import" className="link">
            {t("org.nav.import")}
          </Link>
        </p>
      </TitledSection>

      <TitledSection id="admins-heading" level={3} title={t("org.unit.admins")}>
        <p className="text-sm text-slate-700">{t("org.unit.adminsLead")}</p>
        {admins.length === 0 ? (
          <EmptyState inline>{t("org.unit.noAdmins")}</EmptyState>
        ) : (
          <DividedList>
            {admins.map((admin) => (
              <li key={admin.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
                <span>
                  {admin.fullName} <span className="text-sm text-slate-600">({admin.email})</span>
                </span>
                {admin.id === viewerId ? (
                  <span className="text-sm text-slate-600">{t("org.admin.you")}</span>
                ) : (
                  <RowActionForm
                    intent="removeAdmin"
                    fields={{ userId: admin.id }}
                    label={t("org.admin.remove")}
                    accessibleName={t("org.admin.removeNamed", { name: admin.fullName })}
                    busy={busy}
                  />
                )}
              </li>
            ))}
          </DividedList>
        )}
        <IntentCardForm
          key={`admin-${reset}`}
          intent="addAdmin"
          form={adminForm}
          columns="sm:grid-cols-[1fr_auto]"
          submitLabel={t("org.admin.add")}
          busy={busy}
        >
          <TextField label={t("org.admin.email")} type="email" field={adminForm.field("email")} autoComplete="off" />
        </IntentCardForm>
      </TitledSection>

      <TitledSection id="settings-heading" level={3} title={t("org.unit.settings")}>
        <IntentCardForm
          key={`rename-${reset}`}
          intent="rename"
          form={renameForm}
          columns="sm:grid-cols-[1fr_auto]"
          submitLabel={t("org.unit.rename")}
          busy={busy}
          primary={false}
        >
          <TextField label={t("org.unit.name")} field={renameForm.field("name")} />
        </IntentCardForm>
        {unit.isScopeRoot ? (
          <p className="text-sm text-slate-600">{t("org.unit.cannotMoveRoot")}</p>
        ) : (
          <IntentCardForm
            intent="move"
            form={moveForm}
            columns="sm:grid-cols-[1fr_auto]"
            submitLabel={t("org.unit.move")}
            busy={busy}
            primary={false}
          >
            <TextField
              label={t("org.unit.newParent")}
              hint={t("org.unit.newParentHint")}
              field={moveForm.field("parentCode")}
              autoCapitalize="characters"
            />
          </IntentCardForm>
        )}
      </TitledSection>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
