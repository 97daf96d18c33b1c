export const pluginId = 'imported';
