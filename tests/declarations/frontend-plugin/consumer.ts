import type { ComponentProps, JSX } from 'react';
import { AcmePage, AcmeCard, SyncCard, LazyPanel, LazyPage, loadPage, useWidgets, useGadgets } from './dist/index';

const page: JSX.Element = AcmePage({ title: 'Acme' });
// @ts-expect-error the page needs its title
AcmePage({});
const card: JSX.Element = AcmeCard({ count: 1 });
// @ts-expect-error the count is a number
AcmeCard({ count: 'one' });
const synced: JSX.Element = SyncCard({ count: 2 });
// @ts-expect-error the sync card is the same component
SyncCard({});
const open: ComponentProps<typeof LazyPanel>['open'] = true;
// @ts-expect-error the panel's default export takes a boolean
const openWrong: ComponentProps<typeof LazyPanel>['open'] = 'yes';
const title: ComponentProps<typeof LazyPage>['title'] = 'Acme';
// @ts-expect-error the lazy page's title is a string
const titleWrong: ComponentProps<typeof LazyPage>['title'] = 1;
async function loaded(): Promise<JSX.Element> {
  const module = await loadPage();
  // @ts-expect-error the module has no such export
  module.Missing;
  return module.Page({ title: 'loaded' });
}
export { page, card, synced, open, openWrong, title, titleWrong, loaded };
const widgets = useWidgets('team');
const sizes: number[] = widgets.widgets.map(widget => widget.size);
// @ts-expect-error the widgets are objects
const widgetsWrong: number[] = widgets.widgets;
const widgetsLoading: boolean = widgets.loading;
// @ts-expect-error loading is a boolean
const widgetsLoadingWrong: string = widgets.loading;
const widgetsError: Error | null = widgets.error;
export { sizes, widgetsWrong, widgetsLoading, widgetsLoadingWrong, widgetsError };
const gadgetNames: string[] = useGadgets('team').gadgets.map(gadget => gadget.name);
// @ts-expect-error gadgets have names, not sizes
const gadgetSizes = useGadgets('team').gadgets.map(gadget => gadget.size);
export { gadgetNames, gadgetSizes };
import { entityRouteRef, rootRouteRef } from './dist/index';
const routeParams: { namespace: string; name: string } = entityRouteRef.params;
// @ts-expect-error the route's parameters are namespace and name
const routeParamsWrong: { kind: string } = entityRouteRef.params;
const rootParams: undefined = rootRouteRef.params;
export { routeParams, routeParamsWrong, rootParams };
import { Layout } from './dist/index';
const layoutName: string = Layout.displayName;
const routed: null = Layout.Route({ path: '/', title: 'Home' });
// @ts-expect-error a route needs its title
Layout.Route({ path: '/' });
const laidOut: JSX.Element = Layout({});
export { layoutName, routed, laidOut };
import { greetingApi, acmeAlphaPage, editRouteRef, acmeAlphaPlugin } from './dist/index';
const greetingName: 'greeting' = greetingApi.T.name;
// @ts-expect-error the extension's name is the literal given
const greetingNameWrong: 'other' = greetingApi.T.name;
const pageName: undefined = acmeAlphaPage.T.name;
// @ts-expect-error an extension made without a name has none
const pageNameWrong: string = acmeAlphaPage.T.name;
const editParams: { namespace: string; kind: string; name: string } = editRouteRef.T;
// @ts-expect-error the route has no id parameter
const editParamsWrong: { id: string } = editRouteRef.T;
const found: typeof greetingApi = acmeAlphaPlugin.getExtension('api:acme/greeting');
const foundPage: typeof acmeAlphaPage = acmeAlphaPlugin.getExtension('page:acme');
// @ts-expect-error the plugin has no such extension
acmeAlphaPlugin.getExtension('api:acme/missing');
const noRoutes: {} = acmeAlphaPlugin.routes;
// @ts-expect-error no routes were given
acmeAlphaPlugin.routes.root;
export { greetingName, greetingNameWrong, pageName, pageNameWrong, editParams, editParamsWrong, found, foundPage, noRoutes };
import { catalogAlphaPlugin } from './dist/index';
const catalogId: string = catalogAlphaPlugin.id;
// @ts-expect-error the other copy's extensions are not in the plugin's map
catalogAlphaPlugin.getExtension('page:catalog-extras/overview');
export { catalogId };
import { useTeamReport, useTeamNames } from './dist/index';
const teamReport = useTeamReport('team');
const reportTotal: number | undefined = teamReport.report?.total;
// @ts-expect-error the report may be null
const reportTotalAlways: number = teamReport.report.total;
// @ts-expect-error the report's teams are strings
const reportTeams: number[] | undefined = teamReport.report?.teams;
const reloaded: Promise<void> = teamReport.reload();
// @ts-expect-error reload resolves to nothing
const reloadedWrong: Promise<string> = teamReport.reload();
const teamNames: string[] = useTeamNames('team').names;
// @ts-expect-error the names are strings
const teamNamesWrong: number[] = useTeamNames('team').names;
export { reportTotal, reportTotalAlways, reportTeams, reloaded, reloadedWrong, teamNames, teamNamesWrong };
import { ColorFieldExtension } from './dist/index';
const colorValue: string = ColorFieldExtension.$$fieldValue;
// @ts-expect-error the field's value is a string
const colorValueWrong: number = ColorFieldExtension.$$fieldValue;
const colorPalette: string | undefined = ColorFieldExtension.$$fieldProps.palette;
// @ts-expect-error the field's options have a palette only
const colorShade = ColorFieldExtension.$$fieldProps.shade;
export { colorValue, colorValueWrong, colorPalette, colorShade };
import { useTeamSize } from './dist/index';
const teamSize: number = useTeamSize('team').size;
// @ts-expect-error the size is a number
const teamSizeWrong: string = useTeamSize('team').size;
useTeamSize('team').reload();
export { teamSize, teamSizeWrong };
