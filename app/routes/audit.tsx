import type { MessagesHandle } from "~/i18n";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { AuditFilters, AuditPager, AuditTable } from "~/components/AuditLog";
import { useT } from "~/i18n/useT";
import { AuditFilterSchema } from "~/lib/audit-filter.server";
import { requireRole } from "~/lib/session.server";
import { auditFilterOptions, listAuditEntries, verifyAuditChain } from "~/models/audit.server";

export const handle: MessagesHandle = { i18n: ["audit"] };

export const meta: MetaFunction = () => [{ title: "Log audit · Juara" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["chair", "admin"]);
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const filter = AuditFilterSchema.parse(
    Object.fromEntries(Object.entries(params).filter(([, v]) => v !== "")),
  );
  const [list, options, chain] = await Promise.all([
    listAuditEntries({
      competitionId: filter.competition,
      userId: filter.user,
      entityType: filter.entity,
      from: filter.from,
      to: filter.to,
      page: filter.page,
    }),
    auditFilterOptions(),
    verifyAuditChain(),
  ]);
  return json({ ...list, options, chain });
}

export default function AuditLog() {
  const { entries, hasMore, page, options, chain } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const t = useT();
  return (
    <>
      <h1>{t("audit.title")}</h1>
      <p>{t("audit.intro")}</p>
      <p className={chain.ok ? "notice" : "alert"} role="status">
        {chain.ok
          ? t("audit.chainOk", { entries: chain.entries })
          : t("audit.chainBroken", { id: chain.brokenAt })}
      </p>
      <AuditFilters options={options} params={params} />
      <AuditTable entries={entries} />
      <AuditPager page={page} hasMore={hasMore} params={params} />
    </>
  );
}
