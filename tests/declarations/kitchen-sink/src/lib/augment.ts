declare global {
  interface KitchenGlobal {
    kitchenVersion: string;
  }
}

declare module 'http' {
  interface IncomingMessage {
    kitchenUser?: string;
  }
}

export const augmented = true;
