// Test helper: a navigation that records where screens asked to go, resolving records
// through the app's screen table as the shell does.
import type { ReactElement, ReactNode } from "react";
import { vi } from "vitest";
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

/** `ui` under a navigation whose `navigate` is a spy (records resolve to nothing). */
export function withNavigation(ui: ReactElement) {
  const navigate = vi.fn();
  const navigation: Navigation = {
    navigate,
    back: () => {},
    canGoBack: false,
    routeFor: () => undefined,
  };
  return {
    navigate,
    ui: <NavigationContext.Provider value={navigation}>{ui}</NavigationContext.Provider>,
  };
}
