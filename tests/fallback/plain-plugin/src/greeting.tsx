import React from 'react';

export function renderGreeting(name: string): string {
  return (
    <b title={name}>
      Hello {name}
    </b>
  );
}
