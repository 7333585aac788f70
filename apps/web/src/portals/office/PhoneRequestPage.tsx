import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { AGENCY_NS } from '../../features/agency/agency-i18n';
import '../../features/agency/agency-pages-i18n';
import { createSalesRequest } from '../../features/agency/pages-api';
import { RequestFormPage } from '../../features/agency/RequestFormPage';
import { notify } from '../../ui/notify';

/** Sales take a request on the phone: the public form's fields, then the new file opens. */
export function PhoneRequestPage() {
  const { t } = useTranslation(AGENCY_NS);
  const navigate = useNavigate();
  return (
    <RequestFormPage
      office={{
        submit: createSalesRequest,
        onCreated: (r) => {
          notify(t('pages.phone.created', { reference: r.reference }));
          if (r.id) void navigate(`/office/files/${r.id}`);
        },
      }}
    />
  );
}
