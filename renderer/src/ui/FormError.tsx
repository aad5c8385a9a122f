// A dialog's refusal, announced to screen readers: the Chinese message, and the reasons one by one when the core
// gave them (a paste or an import refused cell by cell). Nothing when there is no error.
export function FormError(props: { message: string | null | undefined; details?: readonly string[] }) {
  if (!props.message) return null;
  return (
    <div className="form-error" role="alert">
      {props.message}
      {props.details && props.details.length > 0 && (
        <ul>
          {props.details.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
