import React from 'react';

export const LazyPanel = () => <section id="lazy">lazy panel</section>;
