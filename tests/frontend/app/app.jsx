// A browser app using the built demo plugin the way an app's bundler would: its dist/ entry, React
// from npm. Once the lazily loaded panel and the image are in, it writes what rendered into #result.
import { createRoot } from 'react-dom/client';
import { useEffect, useState } from 'react';
import { DemoCard, greeting, loadLazyPanel } from '../demo-plugin/dist/index.esm.js';

function App() {
  const [Panel, setPanel] = useState(null);
  useEffect(() => {
    loadLazyPanel().then((loaded) => setPanel(() => loaded));
  }, []);
  return (
    <main>
      <DemoCard title={greeting('browser')} />
      {Panel ? <Panel /> : null}
    </main>
  );
}

createRoot(document.getElementById('root')).render(<App />);

const report = setInterval(() => {
  const lazy = document.getElementById('lazy');
  const logo = document.getElementById('logo');
  if (!lazy || !logo || !logo.complete) return;
  clearInterval(report);
  const style = (id, property) => getComputedStyle(document.getElementById(id))[property];
  document.getElementById('result').textContent = JSON.stringify({
    title: document.getElementById('title').textContent,
    cardBorder: style('card', 'borderTopColor'),
    titleColor: style('title', 'color'),
    bodyBackground: getComputedStyle(document.body).backgroundColor,
    logoWidth: logo.naturalWidth,
    logoClass: logo.className,
    lazy: lazy.textContent,
  });
}, 20);
