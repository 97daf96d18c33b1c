import React from 'react';

// With no React types installed, tsc finds no JSX namespace: a component's element is `any`.
export const Badge = (props: { label: string }) => <span>{props.label}</span>;

export function Title({ text }: { text: string }) {
  return <h1>{text}</h1>;
}

export const Empty = () => <React.Fragment />;
