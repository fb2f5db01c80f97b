/** The admin console's entry: served at /admin by the Kizuna server (server/routes/console-files.ts). */
import { render } from 'preact';
import { App } from './app.tsx';
import './styles.css';

render(<App />, document.getElementById('app') as HTMLElement);
