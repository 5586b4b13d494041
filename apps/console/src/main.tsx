import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './console.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { createUserManager } from './auth/user-manager';
import { loadRuntimeConfig } from './config/runtime-config';
import { initI18n } from './i18n/i18n';

async function start() {
  const root = createRoot(document.getElementById('root') as HTMLElement);
  const [config, i18n] = await Promise.all([loadRuntimeConfig(), initI18n()]);
  root.render(
    <StrictMode>
      <App config={config} userManager={createUserManager(config)} i18n={i18n} />
    </StrictMode>,
  );
}

start().catch((error: unknown) => {
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.textContent = `Switchboard console could not start: ${error instanceof Error ? error.message : String(error)}`;
  document.getElementById('root')?.replaceChildren(message);
});
