// Placeholder: replaced by the moto harness.
export default function setup(): void {}
