/** The Pulumi project's name (Pulumi.yaml `name:`): the prefix of its config keys and the `project` tag. */
export const PROJECT_NAME = "francaisfluide";
