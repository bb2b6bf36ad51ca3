export declare function slowReadingUpload(
  port: number,
  options?: { path?: string; headers?: Record<string, string>; readAfterMs?: number },
): Promise<string>;
