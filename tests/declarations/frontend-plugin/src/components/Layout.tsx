// Properties assigned to a component after its declaration (`Layout.Route`), as Backstage's
// EntityLayout does.
const LayoutRoute = (props: { path: string; title: string }) => {
  void props;
  return null;
};

export const Layout = ({ children }: { children?: unknown }) => (
  <main>{String(children)}</main>
);
Layout.Route = LayoutRoute;
Layout.displayName = 'Layout';
