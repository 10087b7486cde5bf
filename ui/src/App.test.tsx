import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { App } from "./App";
import { I18nProvider } from "./i18n";

describe("<App/>", () => {
  it("opens in Korean and switches to English", () => {
    render(
      <I18nProvider>
        <App />
      </I18nProvider>,
    );
    expect(screen.getByTestId("app-title").textContent).toBe("Cloudwright");
    expect(screen.getByTestId("app-heading").textContent).toBe("데이터센터 구축 관리");
    expect(document.documentElement.lang).toBe("ko");

    fireEvent.click(screen.getByTestId("language-switch"));
    expect(screen.getByTestId("app-heading").textContent).toBe("Datacenter build management");
    expect(document.documentElement.lang).toBe("en");
  });
});
