// Everything of a dependency, re-exported (for backwards compatibility, as real plugins do).
export * from 'action-kit';
