import type { Blocker, Leave } from "../../api/types";
import { paths } from "../../app/paths";
import { Link } from "../../router/Link";
import { blockerTarget } from "./blockerTarget";
import { ConfirmDiversion, DiversionForm, SendHandoffEmail } from "./LeaveActions";

/** One thing that keeps a readiness item red, with the way to fix it right there. */
export function BlockerView({ blocker, leave }: { blocker: Blocker; leave: Leave }) {
  const target = blockerTarget(blocker.link);
  return (
    <li className="blocker stack">
      <p>{blocker.message}</p>
      {target.kind === "ticket" && <Link href={paths.ticket(target.id)}>Open ticket #{target.id}</Link>}
      {target.kind === "call" && <Link href={`${paths.calls}#call-${target.id}`}>See call {target.id}</Link>}
      {target.kind === "handoffEmail" && <SendHandoffEmail leaveId={target.leaveId} />}
      {target.kind === "diversion" && <DiversionForm leaveId={target.leaveId} current={leave.diversion?.target} />}
      {target.kind === "confirmDiversion" && <ConfirmDiversion leaveId={target.leaveId} />}
    </li>
  );
}
