// Types of what the unit tests import from the generator.
export function majorVersion(version: string): string;
export function apiSurface(text: string): string;
export function namespaceBlocks(text: string): Map<string, string>;
export function describeSurfaceChange(committedText: string, generatedText: string): string;
export function stripJsonComments(text: string): string;
