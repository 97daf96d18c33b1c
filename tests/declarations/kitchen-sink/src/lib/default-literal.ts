// A default export of a literal keeps its literal type, as tsc writes it (`_default: "text"`).
export default 'text';
