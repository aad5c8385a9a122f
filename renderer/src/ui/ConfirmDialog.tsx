// Asks before an action that takes much with it (a unit with its projects); Enter confirms, Esc cancels.
import { Dialog } from './Dialog.tsx';

export function ConfirmDialog(props: { title: string; message: string; confirm: string; onConfirm: () => void; onClose: () => void }) {
  return (
    <Dialog title={props.title} onClose={props.onClose}>
      <p>{props.message}</p>
      <div className="buttons">
        <button type="button" onClick={props.onClose}>
          取消
        </button>
        <button
          type="button"
          className="primary danger"
          autoFocus
          onClick={() => {
            props.onClose();
            props.onConfirm();
          }}
        >
          {props.confirm}
        </button>
      </div>
    </Dialog>
  );
}
