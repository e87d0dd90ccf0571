import type { ReactNode } from "react";
import type { User } from "../api/types";
import { PageHeading } from "../components/PageHeading";
import { Link } from "../router/Link";
import { isLead } from "../session/roles";
import { BinScreen } from "../screens/BinScreen";
import { CallsScreen } from "../screens/calls/CallsScreen";
import { HandoffSheetScreen } from "../screens/handoff/HandoffSheetScreen";
import { ApprovalsScreen } from "../screens/lead/ApprovalsScreen";
import { AtRiskScreen } from "../screens/lead/AtRiskScreen";
import { TeamScreen } from "../screens/lead/TeamScreen";
import { TrainingScreen } from "../screens/lead/TrainingScreen";
import { LeaveScreen } from "../screens/leave/LeaveScreen";
import { QueueScreen } from "../screens/QueueScreen";
import { TicketScreen } from "../screens/ticket/TicketScreen";
import { homeFor } from "./navigation";
import type { Page } from "./paths";

function Message({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <PageHeading title={title} />
      {children}
    </>
  );
}

function LeadOnly({ user, children }: { user: User; children: ReactNode }) {
  if (isLead(user)) return <>{children}</>;
  return (
    <Message title="For shift leads">
      <p>
        This screen is the shift lead's. Your own work is in <Link href={homeFor(user)}>your first screen</Link>.
      </p>
    </Message>
  );
}

/** The screen for the current page. */
export function ScreenFor({ page, user }: { page: Page; user: User }) {
  if (user.role === "admin") {
    return (
      <Message title="Admin">
        <p>
          An admin looks after users, roles, teams and policy, and has no ticket powers unless also a shift lead. Those
          settings live in the command line and the API for now.
        </p>
      </Message>
    );
  }
  switch (page.name) {
    case "home":
      return null; // the desk moves on to the role's first screen
    case "bin":
      return <BinScreen />;
    case "queue":
      return <QueueScreen />;
    case "ticket":
      return <TicketScreen key={page.id} id={page.id} />;
    case "calls":
      return <CallsScreen />;
    case "leave":
      return <LeaveScreen />;
    case "handoffSheet":
      return <HandoffSheetScreen />;
    case "approvals":
      return (
        <LeadOnly user={user}>
          <ApprovalsScreen />
        </LeadOnly>
      );
    case "team":
      return (
        <LeadOnly user={user}>
          <TeamScreen />
        </LeadOnly>
      );
    case "atRisk":
      return (
        <LeadOnly user={user}>
          <AtRiskScreen />
        </LeadOnly>
      );
    case "training":
      return (
        <LeadOnly user={user}>
          <TrainingScreen />
        </LeadOnly>
      );
    case "notFound":
      return (
        <Message title="No such page">
          <p>
            Nothing lives at this address. Go to <Link href={homeFor(user)}>your first screen</Link>.
          </p>
        </Message>
      );
  }
}
