// The application layer's public face: commands' logic that runs scenarios or reads machines
// (explain, check, the state diagram, the property kit), above report and below the CLI's files.
export * from './stateDiagram.js';
export * from './outcomeRecord.js';
export * from './checkScenario.js';
export { scenarioToYaml, invariantsHold, type InvariantPropertyOptions, type SaveScenario } from './invariantProperty.js';
