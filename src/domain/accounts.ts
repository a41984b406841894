// Staff accounts: who may hold one, what a username and a password must be, the family case code format.
import { z } from "zod";
import { USER_ROLES } from "./policy.ts";

export const UsernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,39}$/, "a username is 2-40 letters, digits, '.', '_' or '-'");

export const PASSWORD_MIN = 12;
export const PasswordSchema = z
  .string()
  .min(PASSWORD_MIN, `a password needs at least ${PASSWORD_MIN} characters (a few words make a good one)`)
  .max(256, "a password has at most 256 characters");

export const TeamSchema = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[\p{L}\p{N} ._-]+$/u, "a team name is letters, digits, spaces, '.', '_' or '-'");

export const NewUserSchema = z
  .object({
    username: UsernameSchema,
    password: PasswordSchema,
    role: z.enum(USER_ROLES),
    team: TeamSchema.optional(),
  })
  .refine((u) => !u.password.toLowerCase().includes(u.username), {
    path: ["password"],
    message: "the password must not contain the username",
  });
export type NewUser = z.input<typeof NewUserSchema>;

export const LoginSchema = z.object({
  username: z.string().trim().toLowerCase().min(1, "enter your username").max(40),
  password: z.string().min(1, "enter your password").max(256),
});

/** Case codes and passphrases use Crockford's base32 (no I, L, O, U): easy to read aloud and type. */
export const CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/** Upper case, without spaces or dashes, with the letters people confuse mapped to digits. */
export function normalizeCode(s: string): string {
  return s
    .toUpperCase()
    .replace(/[\s-]+/g, "")
    .replace(/[IL]/g, "1")
    .replace(/O/g, "0");
}
export const FamilyLookupSchema = z.object({
  code: z
    .string()
    .max(40)
    .transform(normalizeCode)
    .pipe(z.string().regex(/^F[0-9A-Z]{8}$/, "a case code looks like F-XXXX-XXXX")),
  passphrase: z
    .string()
    .max(60)
    .transform(normalizeCode)
    .pipe(z.string().min(12, "the passphrase has 12 letters and digits").max(12)),
});
