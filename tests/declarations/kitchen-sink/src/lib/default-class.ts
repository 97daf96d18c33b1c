export default class {
  hello(): string {
    return 'hello';
  }
}
