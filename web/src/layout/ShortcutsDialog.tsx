import { useEffect, useRef } from "react";
import { shortcutCatalog } from "../keyboard/catalog";

/** The "?" overlay: every shortcut. A native modal dialog, so focus stays inside and Escape closes it. */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  return (
    <dialog
      ref={dialog}
      onClose={onClose}
      aria-labelledby="shortcuts-title"
      data-testid="shortcuts-dialog"
      className="dialog"
    >
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <p className="muted">They work anywhere except while you type in a field.</p>
      <table className="shortcut-table">
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">Does</th>
          </tr>
        </thead>
        <tbody>
          {shortcutCatalog.map((s) => (
            <tr key={s.keys.join(" ")}>
              <td>
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && " then "}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </td>
              <td>{s.does}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog">
        <button type="submit" className="button" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
}
