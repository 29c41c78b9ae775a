import type { Messages } from "../define";
import type id from "./admin.id";

/** English for admin.id.ts: the type makes it list exactly the Indonesian keys. */
export default {
  "users.title": "Users",
  "users.create": "Add user",
  "users.name": "Name",
  "users.email": "Email",
  "users.role": "Role",
  "users.password": "Password (leave empty to generate one)",
  "users.active": "Active",
  "users.inactive": "Inactive",
  "users.status": "Status",
  "users.actions": "Actions",
  "users.deactivate": "Deactivate",
  "users.activate": "Activate",
  "users.resetPassword": "Reset password",
  "users.created": "Account {email} created.",
  "users.tempPassword": "Temporary password for {email}:",
  "users.tempPasswordOnce": "Write it down now; it will not be shown again.",
  "users.cannotDeactivateSelf": "You cannot deactivate your own account.",
  "users.activated": "Account {name} ({email}) reactivated; they can sign in again.",
  "users.deactivated":
    "Account {name} ({email}) deactivated; they cannot sign in and their sessions have ended.",
  "users.edited": "Name and role of {email} saved: {name}.",
  "users.resetDone": "Password of {email} reset; their open sessions have ended.",
  "users.edit": "Edit name/role",
  "users.saveEdit": "Save",
  "users.cannotDemoteSelf": "You cannot remove the admin role from your own account.",
  "users.libraryRoleFixed":
    "A library manager account is tied to its library: its role cannot be changed, and no other account can be made a manager here.",
  "users.roleHasAssignments":
    "This judge is still on a competition's judging panel. Remove them from the panel (the competition's Judges page) first, then change the role.",
  "judges.title": "Judges",
  "judges.intro":
    "Create judge accounts and reset their passwords. A temporary password is shown only once.",
  "judges.create": "Add judge",
  "judges.district": "Home district",
  "judges.village": "Home village/kelurahan",
  "judges.institution": "Institution",
  "judges.none": "No judges yet.",
} satisfies Messages<typeof id>;
