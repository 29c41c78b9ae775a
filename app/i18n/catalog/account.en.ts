import type { Messages } from "../define";
import type id from "./account.id";

/** English for account.id.ts: the type makes it list exactly the Indonesian keys. */
export default {
  "login.title": "Log in",
  "login.email": "Email",
  "login.password": "Password",
  "login.submit": "Log in",
  "login.submitting": "Checking…",
  "login.invalid": "Wrong email or password.",
  "login.inactive": "This account has been deactivated. Contact the committee chair or an admin.",
  "login.locked":
    "Too many failed attempts for this account from your network. Try again in {minutes} minutes.",
  "password.title": "Change password",
  "password.mustChange": "You logged in with a temporary password. Choose a new one to continue.",
  "password.current": "Current password",
  "password.new": "New password",
  "password.confirm": "Repeat the new password",
  "password.hint": "At least 8 characters.",
  "password.wrongCurrent": "The current password is wrong.",
  "password.changed": "Password changed. Your sessions on other devices have been ended.",
  "password.logInAgain":
    "This session began with a password issued by the chair or an admin, so score sheets saved in it are marked. Log out, then log in again with your new password.",
} satisfies Messages<typeof id>;
