// A stand-in for React with only the classic runtime: `react/jsx-runtime` does not exist, so a
// build that uses the automatic runtime fails to load.
function createElement(type, props) {
  var children = Array.prototype.slice.call(arguments, 2).join('');
  var attributes = Object.keys(props || {}).map(function (key) {
    return ' ' + key + '="' + props[key] + '"';
  });
  return '<' + type + attributes.join('') + '>' + children + '</' + type + '>';
}
module.exports = { createElement: createElement };
