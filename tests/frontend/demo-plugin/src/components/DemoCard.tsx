import React from 'react';
import styles from './DemoCard.module.css';
import './global.css';
import logo from '../assets/logo.png';

export interface DemoCardProps {
  title: string;
}

export function DemoCard(props: DemoCardProps) {
  return (
    <div className={styles.card} id="card">
      <img src={logo} alt="logo" id="logo" className={styles['logo-image']} />
      <h2 className={styles.title} id="title">
        {props.title}
      </h2>
    </div>
  );
}
