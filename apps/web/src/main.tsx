// first: zod must know it may not use eval (Content-Security-Policy) before any schema is built
import './zod-config';
// then: i18next must be initialised before feature modules register their resource bundles
import './i18n/i18n';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Mantine's base only: each component's rules come with its code (vite.config.ts, mantineStylesPerComponent)
import '@mantine/core/styles/baseline.css';
import '@mantine/core/styles/default-css-variables.css';
import '@mantine/core/styles/global.css';
import './ui/global.css';
import { App } from './App';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
