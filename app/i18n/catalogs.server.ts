import account from "./catalog/account.id";
import accountEn from "./catalog/account.en";
import admin from "./catalog/admin.id";
import adminEn from "./catalog/admin.en";
import audit from "./catalog/audit.id";
import auditEn from "./catalog/audit.en";
import chairCompetition from "./catalog/chair-competition.id";
import chairCompetitionEn from "./catalog/chair-competition.en";
import chairResults from "./catalog/chair-results.id";
import chairResultsEn from "./catalog/chair-results.en";
import chairSetup from "./catalog/chair-setup.id";
import chairSetupEn from "./catalog/chair-setup.en";
import common from "./catalog/common.id";
import commonEn from "./catalog/common.en";
import dashboard from "./catalog/dashboard.id";
import dashboardEn from "./catalog/dashboard.en";
import evidence from "./catalog/evidence.id";
import evidenceEn from "./catalog/evidence.en";
import judge from "./catalog/judge.id";
import judgeEn from "./catalog/judge.en";
import library from "./catalog/library.id";
import libraryEn from "./catalog/library.en";
import publicPages from "./catalog/public.id";
import publicPagesEn from "./catalog/public.en";
import type { Lang, SectionName } from "./index";

/**
 * Every section in both languages, imported at once: the server (pages, emails, exports, the
 * command line, tests) translates synchronously. `app/i18n/index.ts` imports this module; the
 * browser build empties `*.server.ts` modules, so there it is `{}` and sections arrive one by one
 * through `loadSections`.
 */
export const serverCatalogs: Record<Lang, Record<SectionName, Record<string, string>>> = {
  id: {
    common,
    account,
    admin,
    dashboard,
    audit,
    "chair-competition": chairCompetition,
    "chair-setup": chairSetup,
    "chair-results": chairResults,
    judge,
    library,
    evidence,
    public: publicPages,
  },
  en: {
    common: commonEn,
    account: accountEn,
    admin: adminEn,
    dashboard: dashboardEn,
    audit: auditEn,
    "chair-competition": chairCompetitionEn,
    "chair-setup": chairSetupEn,
    "chair-results": chairResultsEn,
    judge: judgeEn,
    library: libraryEn,
    evidence: evidenceEn,
    public: publicPagesEn,
  },
};
