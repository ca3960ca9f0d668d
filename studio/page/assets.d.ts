// The module the build generates for the page (studio/build.ts): shipped scenarios' text by file
// name, each flow's state diagram as SVG, and the worker's bundled source.
declare module 'studio:assets' {
  const assets: {
    readonly scenarios: Readonly<Record<string, string>>;
    readonly diagrams: Readonly<Record<string, string>>;
    readonly worker: string;
    readonly defaultScenario: string;
  };
  export default assets;
}
