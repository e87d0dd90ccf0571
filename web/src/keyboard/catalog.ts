// What the shortcuts do, for the "?" overlay. The screens bind them with useShortcut.
export const shortcutCatalog: { keys: string[]; does: string }[] = [
  { keys: ["j"], does: "Next ticket in a list" },
  { keys: ["k"], does: "Previous ticket in a list" },
  { keys: ["Enter"], does: "Open the selected ticket" },
  { keys: ["t"], does: "Take the selected ticket (queue) or this ticket" },
  { keys: ["r"], does: "Write a reply (ticket)" },
  { keys: ["n"], does: "Write a private note (ticket)" },
  { keys: ["g", "b"], does: "Go to my bin" },
  { keys: ["g", "q"], does: "Go to the queue" },
  { keys: ["?"], does: "Show these shortcuts" },
];
