// Services check the policy themselves, so the CLI and the server cannot drift apart.
import { AppError } from "../domain/errors.ts";
import { type Action, can, type Resource, type Viewer } from "../domain/policy.ts";

export function authorize(viewer: Viewer, action: Action, resource: Resource): void {
  if (can(viewer, action, resource)) return;
  if (viewer.role === "public") throw new AppError("UNAUTHENTICATED", "sign in to do this");
  throw new AppError("FORBIDDEN", `role ${viewer.role} may not ${action} ${resource}`);
}
