import logo from '../assets/logo.png';

export const logoSize = String(logo).length;
