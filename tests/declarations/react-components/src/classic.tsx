// A module that binds React's default import: tsc names the type through it, `React.JSX.Element`.
import React from 'react';

export const Classic = () => <div>{React.version}</div>;

export function Titled({ title }: { title: string }) {
  return <h1 title={title}>{title}</h1>;
}
