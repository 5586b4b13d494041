import '@testing-library/jest-dom';

// jsdom lacks what Mantine measures the page with.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  }),
});
class ResizeObserverStub {
  observe(): void {
    // jsdom lays nothing out: there is never a resize to report.
  }
  unobserve(): void {
    // See observe().
  }
  disconnect(): void {
    // See observe().
  }
}
Object.assign(window, { ResizeObserver: ResizeObserverStub });
Element.prototype.scrollIntoView = () => undefined;
