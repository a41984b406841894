// `habeas user add|list|passwd|disable|enable|unlock`: staff accounts, run by the operator on the server.
// The first administrator is `habeas user add NAME --admin`; there is no default account or password.
import { badInput } from "../../domain/errors.ts";
import { OPERATOR, USER_ROLES, type UserRole } from "../../domain/policy.ts";
import { args, type Command } from "../context.ts";
import { printJson, printTable } from "../output.ts";
import { readNewPassword } from "../password.ts";

function oneName(positionals: string[], usage: string): string {
  const name = positionals[0];
  if (!name || positionals.length > 1) throw badInput(`give one username: habeas ${usage}`);
  return name;
}

export const userAdd: Command = {
  name: "user add",
  summary:
    "create a staff account (the first: --admin); the password is typed, or piped with --password-stdin",
  usage:
    "user add <username> [--admin | --role viewer|volunteer|lawyer|admin] [--team NAME] [--password-stdin]",
  async run(ctx, argv) {
    const { createUser } = await import("../../services/accounts.ts");
    const { values, positionals } = args(argv, {
      admin: { type: "boolean", default: false },
      role: { type: "string" },
      team: { type: "string" },
      "password-stdin": { type: "boolean", default: false },
      password: { type: "string" },
    });
    if (values.password !== undefined)
      throw badInput(
        "passwords are never given as arguments (they stay in shell history): use --password-stdin or the prompt",
      );
    const username = oneName(positionals, this.usage);
    if (values.admin && values.role && values.role !== "admin") throw badInput("--admin and --role disagree");
    const role = (values.admin ? "admin" : (values.role ?? "")) as UserRole;
    if (!USER_ROLES.includes(role)) throw badInput(`give --admin or --role ${USER_ROLES.join("|")}`);
    const password = await readNewPassword(values["password-stdin"], ctx.out.stdin);
    const { db } = await ctx.store();
    const u = await createUser(db, { username, password, role, team: values.team }, OPERATOR);
    if (ctx.out.json) printJson(ctx.out, u);
    else ctx.out.write(`habeas: created ${u.role} ${u.username}${u.team ? ` (team ${u.team})` : ""}`);
    return 0;
  },
};

export const userList: Command = {
  name: "user list",
  summary: "list staff accounts",
  usage: "user list [--json]",
  async run(ctx, argv) {
    const { listUsersFor } = await import("../../services/accounts.ts");
    args(argv, {});
    const { db } = await ctx.store();
    const users = await listUsersFor(db, OPERATOR);
    if (ctx.out.json) printJson(ctx.out, users);
    else if (!users.length) ctx.out.write("no accounts yet (create the first: habeas user add NAME --admin)");
    else
      printTable(
        ctx.out,
        ["username", "role", "team", "status", "last sign-in"],
        users.map((u) => [u.username, u.role, u.team, u.disabled ? "disabled" : "active", u.last_login_at]),
      );
    return 0;
  },
};

export const userPasswd: Command = {
  name: "user passwd",
  summary: "set a new password for an account (its sessions end)",
  usage: "user passwd <username> [--password-stdin]",
  async run(ctx, argv) {
    const { setPassword } = await import("../../services/accounts.ts");
    const { values, positionals } = args(argv, { "password-stdin": { type: "boolean", default: false } });
    const username = oneName(positionals, this.usage);
    const password = await readNewPassword(values["password-stdin"], ctx.out.stdin);
    const { db } = await ctx.store();
    await setPassword(db, username, password, OPERATOR);
    ctx.out.write(`habeas: new password set for ${username.toLowerCase()}; their sessions have ended`);
    return 0;
  },
};

function toggle(name: "disable" | "enable"): Command {
  return {
    name: `user ${name}`,
    summary: name === "disable" ? "disable an account and end its sessions" : "enable a disabled account",
    usage: `user ${name} <username>`,
    async run(ctx, argv) {
      const { updateUserAccess } = await import("../../services/accounts.ts");
      const { positionals } = args(argv, {});
      const username = oneName(positionals, this.usage);
      const { db } = await ctx.store();
      await updateUserAccess(db, username, { disabled: name === "disable" }, OPERATOR);
      ctx.out.write(`habeas: ${username.toLowerCase()} ${name}d`);
      return 0;
    },
  };
}
export const userDisable = toggle("disable");
export const userEnable = toggle("enable");

export const userUnlock: Command = {
  name: "user unlock",
  summary: "lift a sign-in lockout after repeated wrong passwords",
  usage: "user unlock <username>",
  async run(ctx, argv) {
    const { unlockUser } = await import("../../services/accounts.ts");
    const { positionals } = args(argv, {});
    const username = oneName(positionals, this.usage);
    const { db } = await ctx.store();
    await unlockUser(db, username, OPERATOR);
    ctx.out.write(`habeas: ${username.toLowerCase()} may sign in again`);
    return 0;
  },
};
