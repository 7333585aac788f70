import '../../features/agency/agency-pages-i18n';
import { RequestFormPage } from '../../features/agency/RequestFormPage';

/** Sales take a request on the phone: the public form's fields, with the office's words (kept out of the public chunk). */
export function PhoneRequestPage() {
  return <RequestFormPage audience="office" />;
}
