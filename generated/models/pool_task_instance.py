from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, Generator, TextIO, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.data_source import DataSource
    from ..models.pool_resources import PoolResources
    from ..models.pool_task_instance_archipelago_type_0 import (
        PoolTaskInstanceArchipelagoType0,
    )
    from ..models.pool_task_instance_browser_type_0 import PoolTaskInstanceBrowserType0
    from ..models.pool_task_instance_config_type_0 import PoolTaskInstanceConfigType0
    from ..models.pool_task_instance_env_vars_type_0 import PoolTaskInstanceEnvVarsType0
    from ..models.pool_task_instance_harbor_input_type_0 import (
        PoolTaskInstanceHarborInputType0,
    )
    from ..models.pool_task_instance_harbor_type_0 import PoolTaskInstanceHarborType0
    from ..models.pool_task_instance_openenv_deployment_type_0 import (
        PoolTaskInstanceOpenenvDeploymentType0,
    )
    from ..models.pool_task_instance_openenv_rollout_type_0 import (
        PoolTaskInstanceOpenenvRolloutType0,
    )
    from ..models.run_spec import RunSpec


T = TypeVar("T", bound="PoolTaskInstance")


@_attrs_define
class PoolTaskInstance:
    """
    Attributes:
        task_id (str):
        archipelago (None | PoolTaskInstanceArchipelagoType0 | Unset):
        backend (str | Unset): harbor, browser, openenv, archipelago, kernel, local.
        browser (None | PoolTaskInstanceBrowserType0 | Unset):
        config (None | PoolTaskInstanceConfigType0 | Unset):
        data_source (DataSource | None | Unset):
        docker_image (None | str | Unset):
        env_vars (None | PoolTaskInstanceEnvVarsType0 | Unset):
        harbor (None | PoolTaskInstanceHarborType0 | Unset):
        harbor_input (None | PoolTaskInstanceHarborInputType0 | Unset):
        openenv_deployment (None | PoolTaskInstanceOpenenvDeploymentType0 | Unset):
        openenv_rollout (None | PoolTaskInstanceOpenenvRolloutType0 | Unset):
        registry_credential (None | str | Unset):
        resources (None | PoolResources | Unset):
        run (None | RunSpec | Unset):
        task_path (None | str | Unset):
    """

    task_id: str
    archipelago: None | PoolTaskInstanceArchipelagoType0 | Unset = UNSET
    backend: str | Unset = UNSET
    browser: None | PoolTaskInstanceBrowserType0 | Unset = UNSET
    config: None | PoolTaskInstanceConfigType0 | Unset = UNSET
    data_source: DataSource | None | Unset = UNSET
    docker_image: None | str | Unset = UNSET
    env_vars: None | PoolTaskInstanceEnvVarsType0 | Unset = UNSET
    harbor: None | PoolTaskInstanceHarborType0 | Unset = UNSET
    harbor_input: None | PoolTaskInstanceHarborInputType0 | Unset = UNSET
    openenv_deployment: None | PoolTaskInstanceOpenenvDeploymentType0 | Unset = UNSET
    openenv_rollout: None | PoolTaskInstanceOpenenvRolloutType0 | Unset = UNSET
    registry_credential: None | str | Unset = UNSET
    resources: None | PoolResources | Unset = UNSET
    run: None | RunSpec | Unset = UNSET
    task_path: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.data_source import DataSource  # noqa: PLC0415
        from ..models.pool_resources import PoolResources  # noqa: PLC0415
        from ..models.pool_task_instance_archipelago_type_0 import (
            PoolTaskInstanceArchipelagoType0,  # noqa: PLC0415
        )
        from ..models.pool_task_instance_browser_type_0 import (
            PoolTaskInstanceBrowserType0,  # noqa: PLC0415
        )
        from ..models.pool_task_instance_config_type_0 import (
            PoolTaskInstanceConfigType0,  # noqa: PLC0415
        )
        from ..models.pool_task_instance_env_vars_type_0 import (
            PoolTaskInstanceEnvVarsType0,  # noqa: PLC0415
        )
        from ..models.pool_task_instance_harbor_input_type_0 import (
            PoolTaskInstanceHarborInputType0,  # noqa: PLC0415
        )
        from ..models.pool_task_instance_harbor_type_0 import (
            PoolTaskInstanceHarborType0,  # noqa: PLC0415
        )
        from ..models.pool_task_instance_openenv_deployment_type_0 import (
            PoolTaskInstanceOpenenvDeploymentType0,  # noqa: PLC0415
        )
        from ..models.pool_task_instance_openenv_rollout_type_0 import (
            PoolTaskInstanceOpenenvRolloutType0,  # noqa: PLC0415
        )
        from ..models.run_spec import RunSpec  # noqa: PLC0415

        task_id = self.task_id

        archipelago: dict[str, Any] | None | Unset
        if isinstance(self.archipelago, Unset):
            archipelago = UNSET
        elif isinstance(self.archipelago, PoolTaskInstanceArchipelagoType0):
            archipelago = self.archipelago.to_dict()
        else:
            archipelago = self.archipelago

        backend = self.backend

        browser: dict[str, Any] | None | Unset
        if isinstance(self.browser, Unset):
            browser = UNSET
        elif isinstance(self.browser, PoolTaskInstanceBrowserType0):
            browser = self.browser.to_dict()
        else:
            browser = self.browser

        config: dict[str, Any] | None | Unset
        if isinstance(self.config, Unset):
            config = UNSET
        elif isinstance(self.config, PoolTaskInstanceConfigType0):
            config = self.config.to_dict()
        else:
            config = self.config

        data_source: dict[str, Any] | None | Unset
        if isinstance(self.data_source, Unset):
            data_source = UNSET
        elif isinstance(self.data_source, DataSource):
            data_source = self.data_source.to_dict()
        else:
            data_source = self.data_source

        docker_image: None | str | Unset
        if isinstance(self.docker_image, Unset):
            docker_image = UNSET
        else:
            docker_image = self.docker_image

        env_vars: dict[str, Any] | None | Unset
        if isinstance(self.env_vars, Unset):
            env_vars = UNSET
        elif isinstance(self.env_vars, PoolTaskInstanceEnvVarsType0):
            env_vars = self.env_vars.to_dict()
        else:
            env_vars = self.env_vars

        harbor: dict[str, Any] | None | Unset
        if isinstance(self.harbor, Unset):
            harbor = UNSET
        elif isinstance(self.harbor, PoolTaskInstanceHarborType0):
            harbor = self.harbor.to_dict()
        else:
            harbor = self.harbor

        harbor_input: dict[str, Any] | None | Unset
        if isinstance(self.harbor_input, Unset):
            harbor_input = UNSET
        elif isinstance(self.harbor_input, PoolTaskInstanceHarborInputType0):
            harbor_input = self.harbor_input.to_dict()
        else:
            harbor_input = self.harbor_input

        openenv_deployment: dict[str, Any] | None | Unset
        if isinstance(self.openenv_deployment, Unset):
            openenv_deployment = UNSET
        elif isinstance(
            self.openenv_deployment, PoolTaskInstanceOpenenvDeploymentType0
        ):
            openenv_deployment = self.openenv_deployment.to_dict()
        else:
            openenv_deployment = self.openenv_deployment

        openenv_rollout: dict[str, Any] | None | Unset
        if isinstance(self.openenv_rollout, Unset):
            openenv_rollout = UNSET
        elif isinstance(self.openenv_rollout, PoolTaskInstanceOpenenvRolloutType0):
            openenv_rollout = self.openenv_rollout.to_dict()
        else:
            openenv_rollout = self.openenv_rollout

        registry_credential: None | str | Unset
        if isinstance(self.registry_credential, Unset):
            registry_credential = UNSET
        else:
            registry_credential = self.registry_credential

        resources: dict[str, Any] | None | Unset
        if isinstance(self.resources, Unset):
            resources = UNSET
        elif isinstance(self.resources, PoolResources):
            resources = self.resources.to_dict()
        else:
            resources = self.resources

        run: dict[str, Any] | None | Unset
        if isinstance(self.run, Unset):
            run = UNSET
        elif isinstance(self.run, RunSpec):
            run = self.run.to_dict()
        else:
            run = self.run

        task_path: None | str | Unset
        if isinstance(self.task_path, Unset):
            task_path = UNSET
        else:
            task_path = self.task_path

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "task_id": task_id,
            }
        )
        if archipelago is not UNSET:
            field_dict["archipelago"] = archipelago
        if backend is not UNSET:
            field_dict["backend"] = backend
        if browser is not UNSET:
            field_dict["browser"] = browser
        if config is not UNSET:
            field_dict["config"] = config
        if data_source is not UNSET:
            field_dict["data_source"] = data_source
        if docker_image is not UNSET:
            field_dict["docker_image"] = docker_image
        if env_vars is not UNSET:
            field_dict["env_vars"] = env_vars
        if harbor is not UNSET:
            field_dict["harbor"] = harbor
        if harbor_input is not UNSET:
            field_dict["harbor_input"] = harbor_input
        if openenv_deployment is not UNSET:
            field_dict["openenv_deployment"] = openenv_deployment
        if openenv_rollout is not UNSET:
            field_dict["openenv_rollout"] = openenv_rollout
        if registry_credential is not UNSET:
            field_dict["registry_credential"] = registry_credential
        if resources is not UNSET:
            field_dict["resources"] = resources
        if run is not UNSET:
            field_dict["run"] = run
        if task_path is not UNSET:
            field_dict["task_path"] = task_path

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.data_source import DataSource  # noqa: PLC0415
        from ..models.pool_resources import PoolResources  # noqa: PLC0415
        from ..models.pool_task_instance_archipelago_type_0 import (
            PoolTaskInstanceArchipelagoType0,  # noqa: PLC0415
        )
        from ..models.pool_task_instance_browser_type_0 import (
            PoolTaskInstanceBrowserType0,  # noqa: PLC0415
        )
        from ..models.pool_task_instance_config_type_0 import (
            PoolTaskInstanceConfigType0,  # noqa: PLC0415
        )
        from ..models.pool_task_instance_env_vars_type_0 import (
            PoolTaskInstanceEnvVarsType0,  # noqa: PLC0415
        )
        from ..models.pool_task_instance_harbor_input_type_0 import (
            PoolTaskInstanceHarborInputType0,  # noqa: PLC0415
        )
        from ..models.pool_task_instance_harbor_type_0 import (
            PoolTaskInstanceHarborType0,  # noqa: PLC0415
        )
        from ..models.pool_task_instance_openenv_deployment_type_0 import (
            PoolTaskInstanceOpenenvDeploymentType0,  # noqa: PLC0415
        )
        from ..models.pool_task_instance_openenv_rollout_type_0 import (
            PoolTaskInstanceOpenenvRolloutType0,  # noqa: PLC0415
        )
        from ..models.run_spec import RunSpec  # noqa: PLC0415

        d = dict(src_dict)
        task_id = d.pop("task_id")

        def _parse_archipelago(
            data: object,
        ) -> None | PoolTaskInstanceArchipelagoType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                archipelago_type_0 = PoolTaskInstanceArchipelagoType0.from_dict(data)

                return archipelago_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PoolTaskInstanceArchipelagoType0 | Unset, data)

        archipelago = _parse_archipelago(d.pop("archipelago", UNSET))

        backend = d.pop("backend", UNSET)

        def _parse_browser(data: object) -> None | PoolTaskInstanceBrowserType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                browser_type_0 = PoolTaskInstanceBrowserType0.from_dict(data)

                return browser_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PoolTaskInstanceBrowserType0 | Unset, data)

        browser = _parse_browser(d.pop("browser", UNSET))

        def _parse_config(data: object) -> None | PoolTaskInstanceConfigType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                config_type_0 = PoolTaskInstanceConfigType0.from_dict(data)

                return config_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PoolTaskInstanceConfigType0 | Unset, data)

        config = _parse_config(d.pop("config", UNSET))

        def _parse_data_source(data: object) -> DataSource | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                data_source_type_0 = DataSource.from_dict(data)

                return data_source_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DataSource | None | Unset, data)

        data_source = _parse_data_source(d.pop("data_source", UNSET))

        def _parse_docker_image(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        docker_image = _parse_docker_image(d.pop("docker_image", UNSET))

        def _parse_env_vars(
            data: object,
        ) -> None | PoolTaskInstanceEnvVarsType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                env_vars_type_0 = PoolTaskInstanceEnvVarsType0.from_dict(data)

                return env_vars_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PoolTaskInstanceEnvVarsType0 | Unset, data)

        env_vars = _parse_env_vars(d.pop("env_vars", UNSET))

        def _parse_harbor(data: object) -> None | PoolTaskInstanceHarborType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                harbor_type_0 = PoolTaskInstanceHarborType0.from_dict(data)

                return harbor_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PoolTaskInstanceHarborType0 | Unset, data)

        harbor = _parse_harbor(d.pop("harbor", UNSET))

        def _parse_harbor_input(
            data: object,
        ) -> None | PoolTaskInstanceHarborInputType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                harbor_input_type_0 = PoolTaskInstanceHarborInputType0.from_dict(data)

                return harbor_input_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PoolTaskInstanceHarborInputType0 | Unset, data)

        harbor_input = _parse_harbor_input(d.pop("harbor_input", UNSET))

        def _parse_openenv_deployment(
            data: object,
        ) -> None | PoolTaskInstanceOpenenvDeploymentType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                openenv_deployment_type_0 = (
                    PoolTaskInstanceOpenenvDeploymentType0.from_dict(data)
                )

                return openenv_deployment_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PoolTaskInstanceOpenenvDeploymentType0 | Unset, data)

        openenv_deployment = _parse_openenv_deployment(
            d.pop("openenv_deployment", UNSET)
        )

        def _parse_openenv_rollout(
            data: object,
        ) -> None | PoolTaskInstanceOpenenvRolloutType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                openenv_rollout_type_0 = PoolTaskInstanceOpenenvRolloutType0.from_dict(
                    data
                )

                return openenv_rollout_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PoolTaskInstanceOpenenvRolloutType0 | Unset, data)

        openenv_rollout = _parse_openenv_rollout(d.pop("openenv_rollout", UNSET))

        def _parse_registry_credential(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        registry_credential = _parse_registry_credential(
            d.pop("registry_credential", UNSET)
        )

        def _parse_resources(data: object) -> None | PoolResources | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                resources_type_0 = PoolResources.from_dict(data)

                return resources_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PoolResources | Unset, data)

        resources = _parse_resources(d.pop("resources", UNSET))

        def _parse_run(data: object) -> None | RunSpec | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                run_type_0 = RunSpec.from_dict(data)

                return run_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RunSpec | Unset, data)

        run = _parse_run(d.pop("run", UNSET))

        def _parse_task_path(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        task_path = _parse_task_path(d.pop("task_path", UNSET))

        pool_task_instance = cls(
            task_id=task_id,
            archipelago=archipelago,
            backend=backend,
            browser=browser,
            config=config,
            data_source=data_source,
            docker_image=docker_image,
            env_vars=env_vars,
            harbor=harbor,
            harbor_input=harbor_input,
            openenv_deployment=openenv_deployment,
            openenv_rollout=openenv_rollout,
            registry_credential=registry_credential,
            resources=resources,
            run=run,
            task_path=task_path,
        )

        pool_task_instance.additional_properties = d
        return pool_task_instance

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
