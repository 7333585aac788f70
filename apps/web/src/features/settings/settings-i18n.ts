import i18next from 'i18next';
import { SETTING_LABELS, SETTING_SECTIONS } from '../../../../../packages/contracts/src/settings-labels';

export const SETTINGS_NS = 'settings';
/** The i18n key of a setting's (or part's) label: its key without dots, which i18next reads as nesting. */
export const labelKey = (key: string) => `labels.${key.replaceAll('.', '_')}`;

/** The settings page's words; each setting's label comes from the contracts (SETTING_LABELS), in both languages. */
function bundle(lang: 'fr' | 'en') {
  const labels: Record<string, string> = {};
  for (const [key, label] of Object.entries(SETTING_LABELS)) {
    labels[labelKey(key).slice(7)] = label[lang];
    for (const [part, words] of Object.entries(label.parts ?? {}))
      labels[labelKey(`${key}.${part}`).slice(7)] = words[lang];
  }
  const sections = Object.fromEntries(Object.entries(SETTING_SECTIONS).map(([k, w]) => [k, w[lang]]));
  const words =
    lang === 'fr'
      ? {
          title: 'Paramètres',
          intro:
            'Les délais, seuils et pondérations de l’organisation. Chaque modification est vérifiée puis gardée dans l’historique.',
          save: 'Enregistrer les modifications',
          saved: 'Paramètres enregistrés.',
          unchanged: 'Aucune modification à enregistrer.',
          history: 'Historique des paramètres',
          readOnly: 'Seule la direction peut modifier les paramètres.',
        }
      : {
          title: 'Settings',
          intro:
            'The organisation’s delays, thresholds and weights. Every change is checked, then kept in the history.',
          save: 'Save changes',
          saved: 'Settings saved.',
          unchanged: 'Nothing to save.',
          history: 'History of the settings',
          readOnly: 'Only the director may change the settings.',
        };
  return { ...words, sections, labels };
}

function addBundles(): void {
  i18next.addResourceBundle('fr', SETTINGS_NS, bundle('fr'), true, true);
  i18next.addResourceBundle('en', SETTINGS_NS, bundle('en'), true, true);
}
if (i18next.isInitialized) addBundles();
else i18next.on('initialized', addBundles);
