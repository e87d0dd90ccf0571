// What to do instead when a rule refuses something: the rulebook's way round, in the team's words.
const instead: Record<string, string> = {
  R1: "A ticket someone else owns is theirs to answer. Take unowned tickets from the queue, or ask the shift lead to give this one to you.",
  R2: "Your own tickets and their clocks are in your bin; the at-risk list is the shift lead's.",
  R3: "Only the call's owner joins it; ask them or a shift lead to move it.",
  R4: "Choose someone who is not on leave, or change the leave's dates.",
  R5: "Place what you hand over on the hand-off sheet, then send the hand-off email again.",
  R6: "Ask a shift lead to approve off-queue time.",
  R7: "Take an unowned ticket yourself, or ask the shift lead to assign it.",
  R8: "Change the existing hand-off entry, or ask the engineer who placed it or a shift lead.",
  R9: "Ask a shift lead for a new ticket instead of reopening or widening this one.",
  R10: "Private notes stay with the staff; a lead's decision needs a note.",
  R11: "Ask the shift lead for reassignment.",
  R12: "A child ticket for a new issue belongs to the engineer who found it.",
  R13: "Divert the desk phone to a colleague or the team line, and confirm once it forwards.",
  R14: "Sessions over 30 minutes and trainings go to a shift lead; open sessions are for engineers on queue.",
};

export const adviceFor = (rule: string): string | undefined => instead[rule];

/** Rules whose way round is asking the lead to assign the ticket. */
export const asksForAssignment = (rule: string): boolean => rule === "R1" || rule === "R7" || rule === "R11";

/** Rules whose way round is asking the lead for a new ticket. */
export const asksForNewTicket = (rule: string): boolean => rule === "R9";
