import React from 'react';
import { LazyPanelTitle } from '../components';

export const LazyPanel = () => (
  <section id="lazy">{LazyPanelTitle({ title: 'lazy' }).toLowerCase()} panel</section>
);
