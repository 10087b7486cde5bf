// Test helper: a navigation that records where screens asked to go, resolving records
// through the app's screen table as the shell does.
import type { ReactNode } from "react";
import { NavigationContext, routeIn, type Navigation, type Route } from "../lib/navigation";
import { screens } from "../screens/shell/screens";

export function recordingNavigation(): { navigation: Navigation; routes: Route[] } {
  const routes: Route[] = [];
  const navigation: Navigation = {
    navigate: (to) => routes.push(to),
    back: () => undefined,
    canGoBack: false,
    routeFor: (record, extra) => routeIn(screens, record, extra),
  };
  return { navigation, routes };
}

export function WithNavigation(props: { navigation: Navigation; children: ReactNode }) {
  return (
    <NavigationContext.Provider value={props.navigation}>
      {props.children}
    </NavigationContext.Provider>
  );
}
